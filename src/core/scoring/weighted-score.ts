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
 * 0.3/0.3/0.3/0.1 agree; the preset names `INFO_HEAD` and `MARKETING_HEAD` stand for the seed's,
 * or for the Settings keys given after them: `INFO_HEAD_WEIGHTS` (SC-23) for `INFO_HEAD`;
 * `MKT_HEAD_BLOCK_WEIGHTS`, `MKT_HEAD_WORK_WEIGHTS` and `MKT_HEAD_QUALITY_WEIGHTS` (SC-24) for
 * `MARKETING_HEAD` (item weight = block weight × item weight within the block).
 */
import type { Bilingual } from "../i18n";
import type { Cell } from "./cells";
import { isBlank, readAll, readNumber } from "./cells";
import { parameterDefault, readParameter } from "./parameters";
import type { Pairs } from "./parameters";
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

/** The weights of `names` in that order, from a `pairs` setting. */
function inOrder(pairs: Pairs, names: readonly string[]): number[] {
  return names.map((n) => pairs.find(([p]) => p === n)?.[1] ?? 0);
}

/** Weights are relative: in whole millionths, so 0.7 × 0.3 weighs exactly 210,000 and sums stay exact. */
function millionths(weight: number): number {
  return Math.round(weight * 1e6);
}

/** SC-23: accuracy, digitization, security, cooperation, from `INFO_HEAD_WEIGHTS`. */
export function infoHeadWeights(weights: Pairs = parameterDefault("INFO_HEAD_WEIGHTS")): number[] {
  return inOrder(weights, ["accuracy", "digitization", "security", "cooperation"]).map(millionths);
}

/** SC-24: the seven item weights, each block's weight times the item's weight within its block. */
export function marketingHeadWeights(
  blocks: Pairs = parameterDefault("MKT_HEAD_BLOCK_WEIGHTS"),
  work: Pairs = parameterDefault("MKT_HEAD_WORK_WEIGHTS"),
  quality: Pairs = parameterDefault("MKT_HEAD_QUALITY_WEIGHTS"),
): number[] {
  const [workBlock = 0, qualityBlock = 0] = inOrder(blocks, ["work", "quality"]);
  return [
    ...inOrder(work, ["operation", "publicity", "brand", "sales_support"]).map((w) => millionths(workBlock * w)),
    ...inOrder(quality, ["awareness", "cooperation", "ability"]).map((w) => millionths(qualityBlock * w)),
  ];
}

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

/** A preset's weights, from the Settings cells given after it (blank = the seed's). */
function presetWeights(name: string, [first, second, third]: readonly Cell[]): number[] | ScoreError {
  if (name === "INFO_HEAD") {
    const read = readParameter(first, "INFO_HEAD_WEIGHTS");
    return isScoreError(read) ? read : infoHeadWeights(read);
  }
  if (name === "MARKETING_HEAD") {
    const read = readAll([readParameter(first, "MKT_HEAD_BLOCK_WEIGHTS"), readParameter(second, "MKT_HEAD_WORK_WEIGHTS"), readParameter(third, "MKT_HEAD_QUALITY_WEIGHTS")]);
    return isScoreError(read) ? read : marketingHeadWeights(...read);
  }
  const preset = WEIGHT_PRESETS[name];
  return preset ? [...preset] : scoreError(UNKNOWN_PRESET, { got: name });
}

function readWeights(cells: readonly Cell[], settings: readonly Cell[]): number[] | ScoreError {
  const given = trimmed(cells);
  const only = given[0];
  if (given.length === 1 && typeof only === "string" && isScoreError(readNumber(only, WEIGHT))) {
    const name = only.trim().toUpperCase();
    return name in WEIGHT_PRESETS ? presetWeights(name, settings) : scoreError(UNKNOWN_PRESET, { got: only.trim() });
  }
  return readNumbers(given, WEIGHT);
}

/**
 * `WEIGHTED_SCORE(ratings, weights, [setting1], [setting2], [setting3])` for one row: a blank
 * between ratings is a missing rating; the settings follow a preset name (see above).
 */
export function weightedScoreRow([ratingCells = [], weightCells = []]: readonly (readonly Cell[])[], settings: readonly Cell[] = []): number | ScoreError {
  const weights = readWeights(weightCells, settings);
  if (isScoreError(weights)) return weights;
  const ratings = readNumbers(trimmed(ratingCells), RATING);
  if (isScoreError(ratings)) return ratings;
  return weightedScore(ratings, weights);
}
