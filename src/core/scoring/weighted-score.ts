/**
 * Weighted rating scores of the information head and the marketing department head.
 * - Information head (信息主管), spec SC-23, seed `004_48a5b74466f8c1e3.txt` L214-222: accuracy of
 *   information 30 %, completeness and applicability of digitization 30 %, data security 30 %,
 *   cooperation with other departments 10 %.
 * - Marketing department head (市场部主管), spec SC-24, seed 004 L110-128: 70 % × (operation 30 %,
 *   publicity 30 %, market work and brand 20 %, sales support 20 %) + 30 % × overall quality
 *   (market sensitivity 30 %, teamwork 30 %, communication and execution 40 %), i.e. item weights
 *   21/21/14/14/9/9/12.
 * The seed gives no rating scale (AMB-17, AMB-18); the product's [REC] reading rates each item
 * 0-100 and takes the weighted sum. Weights are relative (divided by their sum), so 30/30/30/10 and
 * 0.3/0.3/0.3/0.1 agree; the preset names `INFO_HEAD` and `MARKETING_HEAD` stand for the seed's.
 */
import type { Bilingual } from "../i18n";
import type { Cell } from "./cells";
import { isBlank, readNumber } from "./cells";
import { between, isScoreError, nonNegative, scoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const RATING: Field = { zh: "评分", en: "rating" };
const WEIGHT: Field = { zh: "权重", en: "weight" };

/** The seed's weights, by preset name. */
export const WEIGHT_PRESETS: Readonly<Record<string, readonly number[]>> = {
  /** SC-23, seed 004 L216-222. */
  INFO_HEAD: [30, 30, 30, 10],
  /** SC-24, seed 004 L112-128: 0.7 × [30, 30, 20, 20] and 0.3 × [30, 30, 40]. */
  MARKETING_HEAD: [21, 21, 14, 14, 9, 9, 12],
};

/** Ratings are 0-100 (spec AMB-17 [REC]). */
const MAX_RATING = 100;

const TOO_FEW_RATINGS: Bilingual = { zh: "请为全部{weights}项评分(已评{ratings}项)", en: "rate all {weights} items ({ratings} rated)" };
const TOO_MANY_RATINGS: Bilingual = { zh: "评分有{ratings}项,但权重只有{weights}项", en: "{ratings} ratings but only {weights} weights" };
const NO_WEIGHT: Bilingual = { zh: "权重不能全为0", en: "the weights must not all be 0" };
const UNKNOWN_PRESET: Bilingual = {
  zh: "权重须为数字,或预设 INFO_HEAD、MARKETING_HEAD(现为「{got}」)",
  en: 'weights must be numbers, or the preset INFO_HEAD or MARKETING_HEAD (got "{got}")',
};

/**
 * @example weightedScore([90, 80, 100, 70], WEIGHT_PRESETS.INFO_HEAD) → 88
 * @example weightedScore([90, 80, 85, 95, 80, 90, 85], WEIGHT_PRESETS.MARKETING_HEAD) → 86.4
 */
export function weightedScore(ratings: readonly number[], weights: readonly number[]): number | ScoreError {
  const counts = { ratings: ratings.length, weights: weights.length };
  if (ratings.length < weights.length) return scoreError(TOO_FEW_RATINGS, counts);
  if (ratings.length > weights.length) return scoreError(TOO_MANY_RATINGS, counts);
  for (const r of ratings) {
    const problem = between(r, 0, MAX_RATING, RATING);
    if (problem) return problem;
  }
  for (const w of weights) {
    const problem = nonNegative(w, WEIGHT);
    if (problem) return problem;
  }
  const weightSum = weights.reduce((a, b) => a + b, 0);
  if (!(weightSum > 0)) return scoreError(NO_WEIGHT);
  return ratings.reduce((sum, r, i) => sum + r * (weights[i] ?? 0), 0) / weightSum;
}

/** The cells up to the last non-blank one: a range may be wider than the items it holds. */
function trimmed(cells: readonly Cell[]): readonly Cell[] {
  let end = cells.length;
  while (end > 0 && isBlank(cells[end - 1])) end--;
  return cells.slice(0, end);
}

function readNumbers(cells: readonly Cell[], field: Field): number[] | ScoreError {
  const numbers: number[] = [];
  for (const cell of cells) {
    const n = readNumber(cell, field);
    if (isScoreError(n)) return n;
    numbers.push(n);
  }
  return numbers;
}

function readWeights(cells: readonly Cell[]): number[] | ScoreError {
  const given = trimmed(cells);
  const only = given[0];
  if (given.length === 1 && typeof only === "string" && isScoreError(readNumber(only, WEIGHT))) {
    const preset = WEIGHT_PRESETS[only.trim().toUpperCase()];
    return preset ? [...preset] : scoreError(UNKNOWN_PRESET, { got: only.trim() });
  }
  return readNumbers(given, WEIGHT);
}

/** `WEIGHTED_SCORE(ratings, weights)` for one row: a blank between ratings is a missing rating. */
export function weightedScoreRow([ratingCells = [], weightCells = []]: readonly (readonly Cell[])[]): number | ScoreError {
  const weights = readWeights(weightCells);
  if (isScoreError(weights)) return weights;
  const ratings = readNumbers(trimmed(ratingCells), RATING);
  if (isScoreError(ratings)) return ratings;
  return weightedScore(ratings, weights);
}
