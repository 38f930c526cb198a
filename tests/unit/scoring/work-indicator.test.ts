import { describe, expect, it } from "vitest";
import { workIndicatorPoints } from "../../../src/core/scoring/work-indicator";
import { WORK_INDICATOR_POINTS, WORK_POINTS } from "../../../src/gas/customFunctions";

describe("SC-29 work points from the month's tasks, a head's post scorecard or the superior (AMB-21, AMB-69)", () => {
  it("takes a head's post scorecard first under POST_SCORECARD_USAGE = WORK_INDICATOR: 102 → 40, 67 → 26.8", () => {
    expect(WORK_INDICATOR_POINTS([["王建国"], ["冯丽娜"]], [[102], [67]], [[2], [""]], [[2], [""]], "")).toEqual([[40], [26.8]]);
  });

  it("shares 40 points equally by the tasks: the spec's 100 %, 100 %, 80 %, 50 % gives 33, as WORK_POINTS does", () => {
    expect(WORK_INDICATOR_POINTS("孔令辉", "", 3.3, 4, "")).toBe(33);
    expect([[WORK_INDICATOR_POINTS("孔令辉", "", 3.3, 4, "")]]).toEqual(WORK_POINTS([[1, 1, 0.8, 0.5]]));
  });

  it("uses the superior's direct 0-40 only when there is no task (AMB-21)", () => {
    expect(WORK_INDICATOR_POINTS("陶然", "", 0, 0, 30)).toBe(30);
    expect(WORK_INDICATOR_POINTS("陶然", "", 1.6, 2, 30)).toBe(32);
    expect(WORK_INDICATOR_POINTS("陶然", "", "", "", 45)).toBe("工作指标直接打分须在0到40之间 / direct work points must be between 0 and 40");
  });

  it("says what to enter when a month has no task, no post scorecard and no direct score", () => {
    expect(WORK_INDICATOR_POINTS("陶然", "", 0, 0, "")).toBe(
      "本月没有任务,也没有岗位考核分:请直属上级填写工作指标直接打分(0–40) / no task and no post scorecard this month: the direct superior enters the work points (0–40)",
    );
  });

  it("reports the post scorecard separately under STANDALONE and scores the head's tasks instead", () => {
    expect(WORK_INDICATOR_POINTS("王建国", 102, 1.5, 2, "", "STANDALONE")).toBe(30);
    expect(workIndicatorPoints({ postScore: 120, ratingSum: 0, tasks: 0, direct: null }, "WORK_INDICATOR", 120)).toBe(40);
  });

  it("keeps rows without an employee blank and stops after the last person", () => {
    expect(WORK_INDICATOR_POINTS([["孔令辉"], [""], [""]], [[""], [""], [""]], [[1], [0], [0]], [[1], [0], [0]], [[""], [""], [""]])).toEqual([[40]]);
  });

  it("refuses ratings that add up to more than the tasks", () => {
    expect(WORK_INDICATOR_POINTS("孔令辉", "", 5, 4, "")).toBe(
      "任务完成度合计(5)超过任务数(4):每项任务的完成度须在0%到100%之间 / the task ratings add up to 5, more than the 4 tasks: each task is rated 0 % to 100 %",
    );
  });
});
