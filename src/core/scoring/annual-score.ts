/**
 * The annual appraisal score (年度考核), spec SC-45, seed `004_48a5b74466f8c1e3.txt` L368-370:
 * 「历史(每月)考核记录占50%,民主测评占25%;直属上级测评占25%」. The seed defines no 0-100 score (spec
 * AMB-27); the product's [REC] reading: 0.5 × the average monthly final score + 0.25 × the peers'
 * average rating (0-100, AMB-73) + 0.25 × the direct superior's rating (0-100), rounded to
 * `SCORE_DECIMALS`. This score ranks people and drives the "50 or less" rule (SC-51); the grade comes from
 * `annualGrade` (SC-41). One person's monthly scores (and peer ratings) are read across a row;
 * blank cells are months not appraised (or peers who did not rate).
 */
import type { Bilingual } from "../i18n";
import type { Cell } from "./cells";
import { isBlank, readAll, readNumber } from "./cells";
import { parameterDefault, readParameter } from "./parameters";
import { roundTo } from "./points";
import { between, isScoreError, scoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const MONTHLY: Field = { zh: "月度考核得分", en: "monthly score" };
const PEER: Field = { zh: "民主测评分", en: "peer rating" };
const SUPERVISOR: Field = { zh: "直属上级测评分", en: "superior's rating" };

/** Monthly scores reach 110 under the LITERAL reading of SC-32; ratings are 0-100. */
const MAX_MONTHLY = 110;
const MAX_RATING = 100;

const NONE_GIVEN: Bilingual = { zh: "请填写{zh}", en: "enter at least one {en}" };
const WEIGHTS_NOT_ONE: Bilingual = { zh: "年度考核三项权重之和须为1(现为{sum})", en: "the three annual weights must add up to 1 (got {sum})" };

export interface AnnualWeights {
  readonly history: number;
  readonly peers: number;
  readonly supervisor: number;
}

const DEFAULT_WEIGHTS: AnnualWeights = {
  history: parameterDefault("ANNUAL_HISTORY_WEIGHT"),
  peers: parameterDefault("ANNUAL_PEER_WEIGHT"),
  supervisor: parameterDefault("ANNUAL_SUPERVISOR_WEIGHT"),
};

function average(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * @example annualScore([86], [80], 90) → 85.5 (43 + 20 + 22.5)
 */
export function annualScore(
  monthlyScores: readonly number[],
  peerRatings: readonly number[],
  supervisor: number,
  weights: AnnualWeights = DEFAULT_WEIGHTS,
  decimals: number = parameterDefault("SCORE_DECIMALS"),
): number | ScoreError {
  if (monthlyScores.length === 0) return scoreError(NONE_GIVEN, { zh: MONTHLY.zh, en: MONTHLY.en });
  if (peerRatings.length === 0) return scoreError(NONE_GIVEN, { zh: PEER.zh, en: PEER.en });
  const sum = weights.history + weights.peers + weights.supervisor;
  if (Math.abs(sum - 1) > 1e-9) return scoreError(WEIGHTS_NOT_ONE, { sum: roundTo(sum, 6) });
  for (const m of monthlyScores) {
    const problem = between(m, 0, MAX_MONTHLY, MONTHLY);
    if (problem) return problem;
  }
  for (const p of [...peerRatings.map((r) => between(r, 0, MAX_RATING, PEER)), between(supervisor, 0, MAX_RATING, SUPERVISOR)]) {
    if (p) return p;
  }
  const total = weights.history * average(monthlyScores) + weights.peers * average(peerRatings) + weights.supervisor * supervisor;
  return roundTo(total, decimals);
}

function readList(cells: readonly Cell[], field: Field): number[] | ScoreError {
  const values: number[] = [];
  for (const cell of cells) {
    if (isBlank(cell)) continue;
    const n = readNumber(cell, field);
    if (isScoreError(n)) return n;
    values.push(n);
  }
  return values;
}

/** `ANNUAL_SCORE(monthlyScores, peer, supervisor, [historyWeight], [peerWeight], [supervisorWeight])` for one row. */
export function annualScoreRow(
  [months = [], peers = [], supervisorCells = []]: readonly (readonly Cell[])[],
  [history, peer, supervisorWeight]: readonly Cell[],
): number | ScoreError {
  const read = readAll([
    readList(months, MONTHLY),
    readList(peers, PEER),
    readNumber(supervisorCells.find((c) => !isBlank(c)), SUPERVISOR),
    readParameter(history, "ANNUAL_HISTORY_WEIGHT"),
    readParameter(peer, "ANNUAL_PEER_WEIGHT"),
    readParameter(supervisorWeight, "ANNUAL_SUPERVISOR_WEIGHT"),
  ]);
  if (isScoreError(read)) return read;
  const [monthly, peerRatings, supervisor, h, p, s] = read;
  return annualScore(monthly, peerRatings, supervisor, { history: h, peers: p, supervisor: s });
}
