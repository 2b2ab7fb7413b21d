#pragma once
// The durable floor of `tourney bench runtime`: a plain single-threaded loop
// that does the file work a tournament of instant games needs, as tourney
// does it, with nothing else: per tournament its folder (mkdir, parent
// synced), lock file, journal (opened, folder synced), checkpoint and final
// tournament.json (temporary file, fsync, rename, folder synced) and
// games.csa; per game a journal line of the same shape and its CSA record
// appended to games.csa (not synced). The journal is fdatasync'd
// either once per tournament, before its final tournament.json (the fewest
// syncs any durable run of instant games can make: the floor), or after each
// game before the next starts (the simplest durable manager).
#include <string>

namespace tourney::bench {

struct durable_floor_result {
  std::string error;  // the first failed call, empty if none
  double seconds = 0;
};

/// `tournaments` tournaments of `opponents` x `games_per_pairing` instant
/// games (a gauntlet, like the runtime bench's), in new folders under `dir`.
durable_floor_result run_durable_floor(const std::string& dir, int tournaments, int opponents,
                                       int games_per_pairing, bool sync_per_game);

}  // namespace tourney::bench
