// Engine stderr logs through the runtime facade: one file per player and
// slot, also for players whose names sanitise to the same file-safe text
// ("a/b" and "a_b"), each holding only its own engine's stderr.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/temp_dir.hpp"
#include "tourney/runtime.hpp"
#include "usi_actors/support.hpp"

using namespace tourney;
using namespace std::chrono_literals;

namespace {

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A player whose engine says who it is on stderr: the fake echoes every
// command it gets there, so its setoption line carries `tag`.
spec::player_spec tagged_fake(std::string name, std::string tag) {
  auto p = test::fake_engine(std::move(name));
  p.as_usi()->engine.options = {{"Style", std::move(tag)}};
  return p;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(usi_actors_log_names)

BOOST_AUTO_TEST_CASE(players_whose_names_sanitise_alike_get_their_own_log_files) {
  test::temp_dir dir;
  spec::tournament_spec s;
  s.name = "log-names";
  s.games_per_pairing = 2;
  s.players = {tagged_fake("a/b", "slash"), tagged_fake("a_b", "underscore")};
  s.clock.nodes = 1000;
  s.clock.clockless_move_budget = 2000ms;
  runtime_options o;
  o.storage_dir = dir.path();
  o.game_slots = 1;
  std::string folder;
  {
    runtime r(o);
    auto id = r.start(s);
    BOOST_REQUIRE_MESSAGE(id, (id ? "" : id.error().message));
    auto final = r.wait(*id, 60s);
    BOOST_REQUIRE(final);
    BOOST_CHECK(final->status == tournament_status::completed);
    folder = final->folder;
  }  // the engines have quit: their logs are complete
  // Each log belongs to one player (the slot may vary: the next game's
  // engine can be leased before the last one is back).
  int slash_files = 0;
  int underscore_files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(folder + "/engines")) {
    auto name = entry.path().filename().string();
    auto text = slurp(entry.path());
    const bool slash = text.find("< setoption name Style value slash") != std::string::npos;
    const bool underscore = text.find("< setoption name Style value underscore") != std::string::npos;
    BOOST_TEST_CONTEXT(name << ":\n" << text) {
      BOOST_CHECK_MESSAGE(slash != underscore, "a log holds both engines' stderr, or neither");
      // "a_b" needs no sanitising and keeps its plain name; "a/b" gets a hash.
      if (underscore) {
        BOOST_CHECK_EQUAL(name.rfind("a_b-", 0), 0u);
      }
      if (slash) {
        BOOST_CHECK_EQUAL(name.rfind("a_b~", 0), 0u);
      }
    }
    slash_files += slash ? 1 : 0;
    underscore_files += underscore ? 1 : 0;
  }
  BOOST_CHECK_GE(slash_files, 1);
  BOOST_CHECK_GE(underscore_files, 1);
}

BOOST_AUTO_TEST_SUITE_END()
