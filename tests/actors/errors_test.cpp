// Replies that fail carry a tourney error (category "tourney", a code and the
// text saying what and where), so callers tell them from CAF's own errors by
// code, never by searching rendered text.
#include <fstream>

#include <boost/test/unit_test.hpp>

#include "caf/actor_system.hpp"
#include "caf/actor_system_config.hpp"
#include "caf/scoped_actor.hpp"

#include "actors/support/staged_game.hpp"
#include "support/temp_dir.hpp"
#include "tourney/detail/actors.hpp"
#include "tourney/detail/coordinator/runtime_settings.hpp"
#include "tourney/detail/errors.hpp"
#include "tourney/detail/type_ids.hpp"
#include "tourney/runtime_caf.hpp"
#include "tourney/schedule/openings.hpp"

using namespace tourney;

namespace {

struct system_fixture {
  static caf::actor_system_config& prepare(caf::actor_system_config& cfg) {
    add_message_types(cfg);
    return cfg;
  }
  system_fixture() : sys(prepare(cfg)) {}

  caf::actor_system_config cfg;
  caf::actor_system sys;
};

// The error a request ends with (none if it succeeded); `on_value` takes
// the reply's types, as a typed request requires.
template <class OnValue, class Handle, class... Ts>
caf::error error_of(caf::actor_system& sys, OnValue on_value, const Handle& dest, Ts&&... xs) {
  caf::error out;
  caf::scoped_actor self{sys};
  self->request(dest, caf::infinite, std::forward<Ts>(xs)...)
      .receive(on_value, [&](caf::error& err) { out = std::move(err); });
  return out;
}

const auto no_reply = [] {};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(actors_errors, system_fixture)

BOOST_AUTO_TEST_CASE(a_tourney_error_keeps_its_code_and_text_and_renders_by_name) {
  auto err = detail::make_error(detail::errc::storage_failed, "games.jsonl: disk full");
  BOOST_TEST(detail::is(err, detail::errc::storage_failed));
  BOOST_TEST(!detail::is(err, detail::errc::shut_down));
  BOOST_TEST(detail::error_text(sys, err) == "games.jsonl: disk full");
  BOOST_TEST(sys.render(err) == "tourney: storage_failed (games.jsonl: disk full)");
  // CAF's own errors are not ours, and are rendered by CAF.
  caf::error timeout = caf::sec::request_timeout;
  BOOST_TEST(!detail::is(timeout, detail::errc::shut_down));
  BOOST_TEST(detail::error_text(sys, timeout).find("request_timeout") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(persistence_refuses_an_append_to_a_journal_it_has_not_opened) {
  auto persistence = detail::spawn_persistence(sys, false);
  auto err = error_of(sys, no_reply, persistence, atom::append_v, std::string("t-1"), std::string("{}"),
                      std::shared_ptr<const record::game_record>{});
  BOOST_TEST(detail::is(err, detail::errc::storage_failed));
  BOOST_TEST(detail::error_text(sys, err) == "games.jsonl of tournament t-1 is not open");
  caf::anon_send_exit(persistence, caf::exit_reason::user_shutdown);
}

BOOST_AUTO_TEST_CASE(persistence_says_which_folder_it_cannot_make) {
  test::temp_dir dir;
  // A regular file where the results folder's parent should be.
  std::ofstream(dir.path() + "/blocker") << "not a directory";
  const auto folder = dir.path() + "/blocker/t-1";
  auto persistence = detail::spawn_persistence(sys, false);
  auto err = error_of(sys, no_reply, persistence, atom::open_v, std::string("t-1"), folder, false,
                      std::shared_ptr<storage::folder_lock>{}, std::string());
  BOOST_TEST(detail::is(err, detail::errc::storage_failed));
  BOOST_TEST(detail::error_text(sys, err).find(dir.path() + "/blocker") != std::string::npos,
             detail::error_text(sys, err));
  // The same request once the folder can be made succeeds.
  auto ok = error_of(sys, no_reply, persistence, atom::open_v, std::string("t-2"), dir.path() + "/t-2", false,
                     std::shared_ptr<storage::folder_lock>{}, std::string());
  BOOST_TEST(!ok, sys.render(ok));
  caf::anon_send_exit(persistence, caf::exit_reason::user_shutdown);
}

BOOST_AUTO_TEST_CASE(a_supervisor_that_is_shut_down_refuses_a_start_with_its_code) {
  test::temp_dir dir;
  runtime_options options;
  options.storage_dir = dir.path();
  auto settings = std::make_shared<const detail::runtime_settings>(
      detail::resolve_settings(options, test::staged_referee()));
  auto hub = detail::spawn_progress_hub(sys);
  auto persistence = detail::spawn_persistence(sys, false);
  auto sup = detail::spawn_supervisor(sys, settings, hub, persistence);
  {
    caf::scoped_actor self{sys};
    self->request(sup, caf::infinite, atom::shutdown_v, true).receive([](bool) {}, [](caf::error&) {});
  }
  detail::start_order order;
  order.spec = std::make_shared<const spec::tournament_spec>(test::host_spec(2, 2, "resign"));
  order.openings = std::make_shared<const std::vector<schedule::opening>>(
      std::vector<schedule::opening>{schedule::start_position_opening()});
  auto err = error_of(sys, [](std::string&) {}, sup, atom::start_v, std::move(order));
  BOOST_TEST(detail::is(err, detail::errc::shut_down));
  BOOST_TEST(detail::error_text(sys, err) == "the runtime is shut down");
  for (const auto& a : {caf::actor_cast<caf::actor>(sup), caf::actor_cast<caf::actor>(hub),
                        caf::actor_cast<caf::actor>(persistence)}) {
    caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
  }
}

BOOST_AUTO_TEST_SUITE_END()
