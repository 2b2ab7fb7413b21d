// The coordinator's link to one worker address: connects through the
// middleman's own actor (asynchronous, so the link is an ordinary actor; the
// heartbeat and connection timeout bound the attempt), says hello, hands the
// worker to the supervisor and watches it. When the worker goes away the
// supervisor hears at once (down message, or the heartbeat timeout for a
// hung node), and the link tries again later.
//
// Not detached: a detached actor's thread ends only once nothing refers to
// it, and at shutdown the actor clock's pending retry message (or a
// request's timeout) could still hold it, so the actor system waited for ever.
#include <fmt/format.h>

#include "caf/typed_event_based_actor.hpp"
#include "caf/actor_system.hpp"
#include "caf/event_based_actor.hpp"
#include "caf/io/middleman.hpp"
#include "caf/io/middleman_actor.hpp"
#include "caf/openssl/manager.hpp"
#include "caf/sec.hpp"
#include "caf/stateful_actor.hpp"
#include "caf/system_messages.hpp"

#include "tourney/detail/actors.hpp"
#include "tourney/detail/type_ids.hpp"
#include "tourney/detail/remote/worker_node.hpp"
#include "tourney/spec/host_port.hpp"

namespace tourney::detail {

namespace {

struct link_state {
  static inline const char* name = "worker_link";
  link_settings settings;
  // Weak: a strong handle here would keep the supervisor (and so this
  // linked actor) alive for ever after the runtime let go of it.
  caf::actor_addr supervisor;
  caf::actor worker;
  std::string last_error;
};

using link_self = worker_link_actor::stateful_pointer<link_state>;

supervisor_actor supervisor_of(const link_state& st) {
  return caf::actor_cast<supervisor_actor>(st.supervisor);
}

// CAF's error codes, said the way an operator can act on them.
std::string explain(link_self self, const caf::error& err) {
  auto text = self->system().render(err);
  if (err == caf::sec::disconnect_during_handshake) {
    return "the connection was closed during the handshake (TLS: is the worker's certificate signed by "
           "our CA and ours by its CA? does the worker use TLS exactly when we do? or another tourney "
           "version: " + text + ")";
  }
  if (err == caf::sec::cannot_connect_to_node) {
    // With TLS, a handshake that fails before the connect call returns (our
    // side rejected the worker's certificate) is reported this way too.
    return self->state.settings.tls
               ? "cannot connect (no worker listening there, or the TLS handshake failed: is the worker's "
                 "certificate signed by our CA, and does the worker use TLS?): " + text
               : "cannot connect (no worker listening there, or it expects TLS): " + text;
  }
  if (err == caf::sec::connection_timeout) {
    // Only while connecting (a lost link is reported otherwise): the node
    // handshake never finished, which a TLS mismatch can cause as well.
    return "the connection timed out during the handshake (the worker is unreachable or hung, or the two "
           "sides disagree on TLS or on the CA): " + text;
  }
  return text;
}

void report_down(link_self self, std::string why) {
  auto& st = self->state;
  st.last_error = why;
  self->send(supervisor_of(st), atom::worker_dn_v, st.settings.address, std::move(why));
  self->delayed_send(self, st.settings.retry_interval, atom::connect_v);
}

void say_hello(link_self self, caf::actor worker);

void connect(link_self self) {
  auto& st = self->state;
  auto where = spec::parse_host_port(st.settings.address);
  if (!where) {
    // Checked when the runtime started; kept for a link made otherwise.
    self->send(supervisor_of(st), atom::worker_dn_v, st.settings.address, where.error().message);
    return;
  }
  auto& sys = self->system();
  auto middleman = st.settings.tls ? sys.openssl_manager().actor_handle() : sys.middleman().actor_handle();
  self->request(middleman, st.settings.connect_timeout, caf::connect_atom_v, where->host, where->port)
      .then(
          [self](caf::node_id&, caf::strong_actor_ptr& published, std::set<std::string>& interface) {
            if (!published) {
              report_down(self, "no actor is published at that port (is it a tourney worker?)");
              return;
            }
            if (!interface.empty()) {
              report_down(self, "the actor published there is not a tourney worker");
              return;
            }
            say_hello(self, caf::actor_cast<caf::actor>(std::move(published)));
          },
          [self](caf::error& err) { report_down(self, explain(self, err)); });
}

void say_hello(link_self self, caf::actor worker) {
  auto& st = self->state;
  wire::hello h;
  h.node = st.settings.coordinator_name;
  self->request(worker, st.settings.hello_timeout, atom::hello_v, std::move(h))
      .then(
          [self, worker](wire::welcome& w) {
            auto& st = self->state;
            if (w.version != wire::protocol_version || !w.error.empty()) {
              report_down(self, w.error.empty() ? fmt::format("protocol version {} is not ours ({})", w.version,
                                                              wire::protocol_version)
                                                : "refused: " + w.error);
              return;
            }
            if (w.slots == 0) {
              report_down(self, "the worker offers no game slot");
              return;
            }
            st.worker = worker;
            st.last_error.clear();
            self->monitor(worker);
            self->send(supervisor_of(st), atom::worker_up_v, st.settings.address, worker, w.slots);
          },
          [self](caf::error& err) { report_down(self, "no answer to hello: " + explain(self, err)); });
}

worker_link_actor::behavior_type link_behavior(link_self self, caf::actor_addr supervisor, link_settings settings) {
  auto& st = self->state;
  st.supervisor = std::move(supervisor);
  st.settings = std::move(settings);
  self->set_down_handler([self](caf::down_msg& dm) {
    auto& st = self->state;
    if (!st.worker || dm.source != st.worker.address()) {
      return;
    }
    st.worker = nullptr;
    report_down(self, "connection lost: " + self->system().render(dm.reason));
  });
  self->send(self, atom::connect_v);
  return {
      [self](atom::connect) {
        if (!self->state.worker) {
          connect(self);
        }
      },
  };
}

}  // namespace

worker_link_actor spawn_worker_link(supervisor_actor::pointer supervisor, link_settings settings) {
  return supervisor->spawn<caf::linked>(link_behavior, caf::actor_cast<caf::actor_addr>(supervisor),
                                        std::move(settings));
}

}  // namespace tourney::detail
