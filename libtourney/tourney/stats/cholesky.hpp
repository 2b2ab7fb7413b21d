#pragma once
// Cholesky factorisation of symmetric positive definite matrices (row-major,
// n x n) for the league fit's Newton steps and covariances.
#include <cstddef>
#include <vector>

namespace tourney::stats {

/// Factors `a` in place into its lower triangle; false when `a` is not
/// positive definite.
bool cholesky(std::vector<double>& a, std::size_t n);

/// Solves L L' x = b with the factor from cholesky().
std::vector<double> cholesky_solve(const std::vector<double>& l, std::size_t n, std::vector<double> b);

}  // namespace tourney::stats
