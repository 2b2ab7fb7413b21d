#pragma once
// The relay latency of a manager, as engines see it: the bench engine
// (bench/instant_engine.cpp) stamps, in each engine process, when it wrote a
// bestmove and when a go reached it, keyed by the moves played. The gap from
// one engine's bestmove to the opponent's go for the position after it is
// the time a clock would charge to engines for the manager's work.
#include <string>
#include <vector>

namespace tourney::bench {

/// Every relay gap (microseconds) found in the stamp files of `dir`
/// (stamps.<pid>). A key stamped twice on either side (two games that
/// reached the same moves) is left out: its pairing would be a guess.
std::vector<double> relay_gaps_us(const std::string& dir);

/// The q-quantile (0..1) of xs by the nearest rank; 0 when xs is empty.
double quantile(std::vector<double> xs, double q);

/// Where the bench engine is: `configured` if set, else instant_engine
/// beside this program or in ../bench (the build tree); empty if none.
std::string find_instant_engine(const std::string& configured);

}  // namespace tourney::bench
