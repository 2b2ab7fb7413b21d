// The supervisor under CAF's deterministic test coordinator: message order
// decides, not timing. A tournament that starts while the only run slot is
// taken waits; queued ones run by priority, FIFO within a priority.
#include <boost/test/unit_test.hpp>

#include "caf/actor_system.hpp"
#include "caf/actor_system_config.hpp"
#include "caf/scheduler/test_coordinator.hpp"
#include "caf/scoped_actor.hpp"

#include "actors/support/staged_game.hpp"
#include "support/temp_dir.hpp"
#include "tourney/detail/actors.hpp"
#include "tourney/detail/type_ids.hpp"
#include "tourney/schedule/openings.hpp"

using namespace tourney;

namespace {

struct deterministic_fixture {
  static caf::actor_system_config& prepare(caf::actor_system_config& cfg) {
    cfg.set("scheduler.policy", caf::atom("testing"));
    return cfg;
  }
  deterministic_fixture()
      : sys(prepare(cfg)), sched(dynamic_cast<caf::scheduler::test_coordinator&>(sys.scheduler())) {}

  caf::actor_system_config cfg;
  caf::actor_system sys;
  caf::scheduler::test_coordinator& sched;
};

detail::start_order order_for(int priority) {
  detail::start_order o;
  o.spec = std::make_shared<const spec::tournament_spec>(test::host_spec(2, 2, "resign"));
  o.openings = std::make_shared<const std::vector<schedule::opening>>(
      std::vector<schedule::opening>{schedule::start_position_opening()});
  o.name = "p" + std::to_string(priority);
  o.priority = priority;
  return o;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(actors_supervisor, deterministic_fixture)

BOOST_AUTO_TEST_CASE(queued_tournaments_run_by_priority_then_fifo) {
  test::temp_dir dir;
  runtime_options options;
  options.max_concurrent_tournaments = 1;
  options.game_slots = 2;
  options.storage_dir = dir.path();
  auto settings = std::make_shared<const detail::runtime_settings>(
      detail::resolve_settings(options, test::staged_referee()));
  auto queue = std::make_shared<rt::event_queue>(100000);
  {
    caf::scoped_actor self{sys, true};
    auto hub = detail::spawn_progress_hub(sys);
    auto persistence = detail::spawn_persistence(sys, false);
    auto sup = detail::spawn_supervisor(sys, settings, hub, persistence);
    sched.run();
    self->send(hub, atom::subscribe_v, std::uint64_t{1}, queue);
    detail::per_position_policy resigner;
    resigner.make = test::make_resigner;
    resigner.options.blocking = false;  // inline: no threads under the test coordinator
    self->send(sup, atom::policy_v, std::string("resign"), detail::host_policy{resigner});
    // The first one takes the only run slot before the others arrive.
    self->send(sup, atom::start_v, order_for(0));
    self->send(sup, atom::start_v, order_for(1));
    self->send(sup, atom::start_v, order_for(9));
    self->send(sup, atom::start_v, order_for(9));
    self->send(sup, atom::start_v, order_for(5));
    sched.run();
    std::vector<std::string> running;
    std::map<std::string, std::string> names;
    std::size_t terminals = 0;
    for (const auto& e : queue->take_all()) {
      names[e.snapshot.tournament_id] = e.snapshot.name;
      if (e.kind == rt::event_kind::status && e.snapshot.status == rt::tournament_status::running) {
        running.push_back(e.snapshot.name);
      }
      if (e.kind == rt::event_kind::terminal) {
        ++terminals;
        BOOST_CHECK(e.snapshot.status == rt::tournament_status::completed);
        BOOST_CHECK_EQUAL(e.snapshot.completed_games, 2u);
      }
    }
    BOOST_CHECK((running == std::vector<std::string>{"p0", "p9", "p9", "p5", "p1"}));
    BOOST_CHECK_EQUAL(terminals, 5u);
    self->send_exit(sup, caf::exit_reason::user_shutdown);
    self->send_exit(hub, caf::exit_reason::user_shutdown);
    self->send_exit(persistence, caf::exit_reason::user_shutdown);
    sched.run();
  }
}

BOOST_AUTO_TEST_SUITE_END()
