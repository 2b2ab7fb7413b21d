#pragma once
// Signals for `tourney run`. SIGINT, SIGTERM and SIGHUP (a closed terminal or
// SSH session) all mean "stop resumably": the first is delivered to the main
// loop through a pipe (poll its fd), which stops the games in flight and
// saves. Later ones change nothing, except a second SIGINT typed at the
// terminal (the kernel's tty driver sent it, si_code SI_KERNEL), which exits
// at once with 130: the journal already holds every finished game. So GNU
// timeout's two SIGTERMs, or a script's repeated kill, never skip the save.
// SIGPIPE is ignored: a closed stdout is an EPIPE write error that the run
// handles (progress_printer), not a kill.
namespace tourney::app {

class interrupt_signals {
 public:
  interrupt_signals();
  ~interrupt_signals();
  interrupt_signals(const interrupt_signals&) = delete;
  interrupt_signals& operator=(const interrupt_signals&) = delete;

  /// Readable once a signal arrived.
  [[nodiscard]] int fd() const;
  /// The first signal's number, or 0.
  [[nodiscard]] int received() const;
};

}  // namespace tourney::app
