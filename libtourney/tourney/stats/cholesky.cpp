#include "tourney/stats/cholesky.hpp"

#include <cmath>

namespace tourney::stats {

// Cholesky factor of a symmetric positive definite matrix (row-major, n x n),
// in place in the lower triangle; false when not positive definite.
bool cholesky(std::vector<double>& a, std::size_t n) {
  for (std::size_t j = 0; j < n; ++j) {
    double s = a[j * n + j];
    for (std::size_t k = 0; k < j; ++k) {
      s -= a[j * n + k] * a[j * n + k];
    }
    if (!(s > 0)) {
      return false;
    }
    const double l = std::sqrt(s);
    a[j * n + j] = l;
    for (std::size_t i = j + 1; i < n; ++i) {
      double t = a[i * n + j];
      const double* ri = &a[i * n];
      const double* rj = &a[j * n];
      for (std::size_t k = 0; k < j; ++k) {
        t -= ri[k] * rj[k];
      }
      a[i * n + j] = t / l;
    }
  }
  return true;
}

std::vector<double> cholesky_solve(const std::vector<double>& l, std::size_t n,
                                   std::vector<double> b) {
  for (std::size_t i = 0; i < n; ++i) {
    double s = b[i];
    for (std::size_t k = 0; k < i; ++k) {
      s -= l[i * n + k] * b[k];
    }
    b[i] = s / l[i * n + i];
  }
  for (std::size_t i = n; i-- > 0;) {
    double s = b[i];
    for (std::size_t k = i + 1; k < n; ++k) {
      s -= l[k * n + i] * b[k];
    }
    b[i] = s / l[i * n + i];
  }
  return b;
}

}  // namespace tourney::stats
