// Local spatial statistics on the study cells of a grid, with a binary distance band.
//
// Values are one per grid cell (grid.cell_count()); only study cells take part, and n is their
// number. Neighbours of a cell are the study cells whose centres lie within `band_m` of its centre.
//  * Gi* (Getis & Ord 1992, Ord & Getis 1995): z-score, weights 1 inside the band, self included.
//  * Local Moran's I (Anselin 1995): row-standardised band weights, self excluded; pseudo p-values
//    by conditional permutation (x_i fixed, the others drawn without replacement), seeded, so a
//    run is repeatable.
//  * Benjamini-Hochberg (1995) adjusted p-values, and hot/cold classes at 90/95/99 % confidence;
//    LISA quadrants (HH/LL/HL/LH) of the Local Moran cells that stay significant after BH.
// Results for non-study cells are 0 (z, I) and 1 (p). Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "baken/geo/grid.h"

namespace baken::analysis {

std::vector<double> GetisOrdGiStar(const geo::Grid& grid, const std::vector<double>& values,
                                   double band_m);

struct LocalMoran {
  std::vector<double> i;  // Local Moran's I per cell
  std::vector<double> p;  // pseudo p-value, (M + 1) / (R + 1), folded to the observed side
};

// `permutations` draws per cell; a cell with none as extreme as observed after them is drawn on
// up to `max_permutations` in total (when larger), so that its p-value can get small enough to
// survive Benjamini-Hochberg over thousands of cells (smallest p = 1 / (draws + 1)), at the cost
// of the few extreme cells only.
LocalMoran LocalMoranI(const geo::Grid& grid, const std::vector<double>& values, double band_m,
                       int permutations, uint64_t seed, int max_permutations = 0);

// LISA cluster classes of Local Moran's I (Anselin 1995): a cell above the mean among neighbours
// above the mean is HH (a hot cluster), below among below LL, an outlier HL or LH.
enum class LisaClass { kNotSignificant, kHighHigh, kLowLow, kHighLow, kLowHigh };

// "HH", "LL", "HL", "LH", "niet significant".
std::string_view LisaClassName(LisaClass c);

struct LisaClasses {
  std::vector<double> q;         // BH-adjusted pseudo p per cell (1 outside the study cells)
  std::vector<LisaClass> klass;  // significant (q < alpha) cells by quadrant, else not significant
};

// BH across the study cells of `moran.p`, then the quadrant of each significant cell from the sign
// of its deviation from the mean of the study cells and the sign of I.
LisaClasses ClassifyLocalMoran(const geo::Grid& grid, const std::vector<double>& values,
                               const LocalMoran& moran, double alpha = 0.05);

// Benjamini-Hochberg adjusted p-values (q-values), same order as `p`.
std::vector<double> BenjaminiHochberg(const std::vector<double>& p);

// Two-sided p-value of a standard normal z.
double TwoSidedP(double z);

// Gi* class: +3/+2/+1 hot spot at 99/95/90 % confidence, -1..-3 cold, 0 not significant. With
// `fdr`, a cell keeps level L only when its BH q-value is below 1 - L (ArcGIS-style FDR).
std::vector<int> HotColdClasses(const geo::Grid& grid, const std::vector<double>& z, bool fdr);

}  // namespace baken::analysis
