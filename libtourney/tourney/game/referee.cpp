#include "tourney/game/referee.hpp"

#include <algorithm>
#include <utility>

#include "tourney/game/declaration.hpp"
#include "tourney/shogi/notation.hpp"

namespace tourney::game {

using shogi::color;
using std::chrono::milliseconds;

namespace {

std::string name_of(color c) {
  return c == color::black ? "black" : "white";
}

/// Moves a host policy could build by hand may hold out-of-range squares or
/// kinds; the rules core is only asked about well-formed ones.
bool well_formed(shogi::move m) {
  if (m.is_null() || m.to() >= shogi::square_count) {
    return false;
  }
  if (m.is_drop()) {
    return static_cast<int>(m.dropped()) < shogi::hand_kind_count && !m.promotes();
  }
  return m.from() < shogi::square_count;
}

std::string describe_illegal(const shogi::position& pos, shogi::move m) {
  if (!well_formed(m)) {
    return "malformed move (raw " + std::to_string(m.raw()) + ")";
  }
  const std::string text = shogi::to_usi(m);
  auto parsed = shogi::parse_legal_usi_move(pos, text);
  if (!parsed) {
    return parsed.error().message;
  }
  return text + ": illegal";
}

}  // namespace

referee::referee(const shogi::position& start, const std::vector<shogi::move>& opening,
                 const referee_settings& settings)
    : settings_(settings),
      start_(start),
      position_(start),
      clock_(settings.clock),
      adjudicator_(settings.adjudication) {
  const std::size_t expected =
      opening.size() + static_cast<std::size_t>(settings.adjudication.max_plies > 0
                                                    ? settings.adjudication.max_plies
                                                    : 512);
  moves_.reserve(expected);
  entries_.reserve(expected);
  repetition_.reset(start.key(), start.side_to_move(), expected);
  if (!position_.has_legal_move()) {
    const color side = position_.side_to_move();
    const bool mated = position_.in_check();
    finish(loss_for(side), mated ? reason::checkmate : reason::no_legal_move,
           name_of(side) + (mated ? " is checkmated" : " has no legal move") +
               " in the start position");
    return;
  }
  for (std::size_t i = 0; i < opening.size() && !over(); ++i) {
    const shogi::move m = opening[i];
    if (!well_formed(m) || !position_.is_legal(m)) {
      finish(result::error, reason::error,
             "opening move " + std::to_string(i + 1) + " is illegal in " + position_.to_sfen() +
                 ": " + describe_illegal(position_, m));
      return;
    }
    record::move_entry entry;
    entry.move = m;
    entry.book = true;
    play(m, std::move(entry));
    if (!over() && settings_.adjudication.max_plies > 0 &&
        plies() >= settings_.adjudication.max_plies) {
      finish(result::draw, reason::max_plies,
             "the opening reached the " + std::to_string(plies()) + "-ply limit");
    }
  }
}

reason referee::overdue_reason() const {
  return clock_.overdue_verdict() == charge_verdict::stall ? reason::stall : reason::timeout;
}

void referee::finish(result outcome, reason why, std::string detail) {
  if (end_) {
    return;
  }
  game_end end;
  end.outcome = outcome;
  end.why = why;
  end.detail = std::move(detail);
  end_ = std::move(end);
}

void referee::play(shogi::move m, record::move_entry entry) {
  const bool check = position_.gives_check(m);
  position_.play(m);
  moves_.push_back(m);
  entries_.push_back(std::move(entry));
  if (auto verdict = repetition_.push(position_.key(), check)) {
    const std::string cycle = "position of ply " + std::to_string(verdict->first_occurrence) +
                              " occurred for the 4th time at ply " + std::to_string(plies());
    if (verdict->perpetual_checker) {
      const color checker = *verdict->perpetual_checker;
      finish(loss_for(checker), reason::perpetual_check,
             cycle + "; " + name_of(checker) + " gave check with every move of the cycle");
    } else {
      finish(result::draw, reason::sennichite, cycle);
    }
    return;
  }
  if (!position_.has_legal_move()) {
    const color side = position_.side_to_move();
    if (position_.in_check()) {
      finish(loss_for(side), reason::checkmate, name_of(side) + " is checkmated");
    } else {
      finish(loss_for(side), reason::no_legal_move, name_of(side) + " has no legal move");
    }
  }
}

std::optional<game_end> referee::apply(color side, players::decision decision,
                                       milliseconds elapsed) {
  if (end_) {
    return end_;
  }
  if (side != side_to_move()) {
    finish(loss_for(side), reason::illegal_move,
           name_of(side) + " moved out of turn (" + name_of(side_to_move()) + " to move)");
    return end_;
  }
  const milliseconds allowance = clock_.deadline_for(side);
  switch (clock_.charge(side, elapsed)) {
    case charge_verdict::ok:
      break;
    case charge_verdict::timeout:
      finish(loss_for(side), reason::timeout,
             name_of(side) + " took " + std::to_string(elapsed.count()) + " ms, over its " +
                 std::to_string(allowance.count()) + " ms allowance (with margin)");
      return end_;
    case charge_verdict::stall:
      finish(loss_for(side), reason::stall,
             name_of(side) + " took " + std::to_string(elapsed.count()) +
                 " ms for a clockless move, over the " + std::to_string(allowance.count()) +
                 " ms budget");
      return end_;
  }
  switch (decision.what) {
    case players::decision::kind::resign:
      finish(loss_for(side), reason::resign, name_of(side) + " resigned");
      return end_;
    case players::decision::kind::declare_win: {
      const declaration_check check =
          check_declaration(position_, settings_.adjudication.entering_king);
      if (check.valid) {
        finish(win_for(side), reason::declaration,
               name_of(side) + " declared a win with " + std::to_string(check.points) +
                   " points and " + std::to_string(check.pieces_in_camp) +
                   " pieces in the enemy camp");
      } else {
        finish(loss_for(side), reason::illegal_declaration, "false declaration: " + check.why);
      }
      return end_;
    }
    case players::decision::kind::move:
      break;
  }
  const shogi::move m = decision.chosen;
  if (!well_formed(m) || !position_.is_legal(m)) {
    finish(loss_for(side), reason::illegal_move,
           name_of(side) + " played an illegal move in " + position_.to_sfen() + ": " +
               describe_illegal(position_, m));
    return end_;
  }
  record::move_entry entry;
  entry.move = m;
  entry.elapsed = elapsed;
  entry.score_cp = decision.score_cp;
  entry.mate_in = decision.mate_in;
  entry.depth = decision.depth;
  entry.nodes = decision.nodes;
  entry.pv = std::move(decision.pv);
  play(m, std::move(entry));
  if (end_) {
    return end_;
  }
  if (adjudicator_.enabled()) {
    if (auto adjudicated =
            adjudicator_.observe(side, plies(), decision.score_cp, decision.mate_in)) {
      finish(adjudicated->outcome, adjudicated->why, std::move(adjudicated->detail));
      return end_;
    }
  }
  if (settings_.adjudication.max_plies > 0 && plies() >= settings_.adjudication.max_plies) {
    finish(result::draw, reason::max_plies,
           "reached the " + std::to_string(settings_.adjudication.max_plies) + "-ply limit");
    return end_;
  }
  return std::nullopt;
}

game_end referee::forfeit(color side, reason why, std::string detail) {
  if (why == reason::cancelled) {
    finish(result::error, why, std::move(detail));
  } else {
    finish(loss_for(side), why, std::move(detail));
  }
  return *end_;
}

game_end referee::abort(reason why, std::string detail) {
  finish(result::error, why, std::move(detail));
  return *end_;
}

record::game_record referee::record() const {
  record::game_record rec;
  rec.start_sfen = start_.to_sfen();
  rec.moves = entries_;
  if (end_) {
    rec.result = end_->outcome;
    rec.reason = end_->why;
    rec.detail = end_->detail;
  } else {
    rec.result = result::error;
    rec.reason = reason::error;
    rec.detail = "game not finished";
  }
  return rec;
}

}  // namespace tourney::game
