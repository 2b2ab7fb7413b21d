// History retention on disk: by count, by age, never an active or live one.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "support/temp_dir.hpp"
#include "tourney/durable/retention.hpp"

namespace fs = std::filesystem;
using namespace tourney;
using namespace std::chrono_literals;

namespace {

using clock_type = std::chrono::system_clock;

durable::stored_tournament stored(std::string id, std::string status, clock_type::duration age,
                                  clock_type::time_point now) {
  return {"/r/" + id, id, std::move(status), now - age};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(durable_retention)

BOOST_AUTO_TEST_CASE(by_count_keeps_the_newest_finished_ones) {
  const auto now = clock_type::now();
  std::vector<durable::stored_tournament> xs{stored("a", "completed", 4h, now), stored("b", "completed", 1h, now),
                                             stored("c", "cancelled", 3h, now), stored("d", "failed", 2h, now)};
  auto doomed = durable::folders_to_prune(xs, {2, 0}, {}, now);
  BOOST_TEST(doomed == (std::vector<std::string>{"/r/c", "/r/a"}));
}

BOOST_AUTO_TEST_CASE(by_age_removes_only_older_ones) {
  const auto now = clock_type::now();
  std::vector<durable::stored_tournament> xs{stored("a", "completed", 49h, now), stored("b", "completed", 47h, now)};
  auto doomed = durable::folders_to_prune(xs, {0, 2}, {}, now);
  BOOST_TEST(doomed == (std::vector<std::string>{"/r/a"}));
}

BOOST_AUTO_TEST_CASE(never_an_active_or_possibly_live_one) {
  const auto now = clock_type::now();
  std::vector<durable::stored_tournament> xs{stored("old-active", "cancelled", 100h, now),
                                             stored("old-running", "running", 100h, now),
                                             stored("old-paused", "paused", 100h, now),
                                             stored("old-done", "completed", 100h, now)};
  auto doomed = durable::folders_to_prune(xs, {1, 1}, {"old-active"}, now);
  BOOST_TEST(doomed == (std::vector<std::string>{"/r/old-done"}));
  BOOST_TEST(durable::folders_to_prune(xs, {0, 0}, {}, now).empty());  // disabled
}

BOOST_AUTO_TEST_CASE(prunes_folders_on_disk_and_leaves_other_files_alone) {
  test::temp_dir dir;
  auto make = [&](const std::string& name, const std::string& status, clock_type::duration age) {
    fs::create_directory(dir.path() + "/" + name);
    const auto path = dir.path() + "/" + name + "/tournament.json";
    std::ofstream(path) << nlohmann::json{{"tournament_id", name + "-id"}, {"status", status}}.dump();
    fs::last_write_time(path, fs::file_time_type::clock::now() - age);
  };
  make("new", "completed", 1h);
  make("old", "completed", 5h);
  make("crashed", "running", 9h);
  fs::create_directory(dir.path() + "/not-a-tournament");
  std::ofstream(dir.path() + "/notes.txt") << "keep";
  auto removed = durable::prune_tournaments(dir.path(), {1, 0}, {});
  BOOST_REQUIRE(removed);
  BOOST_TEST(*removed == (std::vector<std::string>{dir.path() + "/old"}));
  BOOST_TEST(fs::exists(dir.path() + "/new"));
  BOOST_TEST(fs::exists(dir.path() + "/crashed"));
  BOOST_TEST(fs::exists(dir.path() + "/not-a-tournament"));
  BOOST_TEST(fs::exists(dir.path() + "/notes.txt"));
  // A missing storage directory has nothing to prune.
  BOOST_TEST(durable::prune_tournaments(dir.path() + "/missing", {1, 0}, {})->empty());
}

BOOST_AUTO_TEST_SUITE_END()
