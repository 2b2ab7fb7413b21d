#pragma once
// SIGINT/SIGTERM for `tourney run`: the first signal is delivered to the main
// loop through a pipe (poll its fd); a second SIGINT exits at once with 130
// (the journal already holds every finished game).
namespace tourney::app {

class interrupt_signals {
 public:
  interrupt_signals();
  ~interrupt_signals();
  interrupt_signals(const interrupt_signals&) = delete;
  interrupt_signals& operator=(const interrupt_signals&) = delete;

  /// Readable once a signal arrived.
  int fd() const;
  /// The first signal's number, or 0.
  int received() const;
};

}  // namespace tourney::app
