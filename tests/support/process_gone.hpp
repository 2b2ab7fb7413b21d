#pragma once
// Waiting for a process to end with a deadline instead of a sleep.
#include <chrono>

#include <sys/types.h>

namespace tourney::test {

/// Whether process `pid` (not necessarily our child) has ended within
/// `budget`: a pidfd of our own, polled with that deadline. A process still
/// there afterwards is SIGKILLed, so that a failing test leaves nothing behind.
bool gone_within(pid_t pid, std::chrono::milliseconds budget);

}  // namespace tourney::test
