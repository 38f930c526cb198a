/**
 * Sales-staff standard: meeting booking forms sent in time, spec KPI-13, seed
 * `003_ab0358f32ef97fc5.txt` L129-130: 「会议预订单需填写清楚并在会议开始前三天发送到有关部门。」 TRUE when
 * the form was sent at least `KPI_BOOKING_LEAD_DAYS` (3) calendar days before the meeting's first
 * day (sent day ≤ meeting day − 3). Days are calendar days in the workbook's time zone
 * (`TIME_ZONE`). A hotel-context standard (spec AMB-48): blank, not judged, while Settings
 * `ENABLE_HOTEL_KPIS` is FALSE.
 */
import type { Cell } from "./cells";
import { readAll, readDay } from "./cells";
import { whenHotelKpisOn } from "./hotel-kpis";
import { parameterDefault, readParameter } from "./parameters";
import { isScoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const SENT: Field = { zh: "预订单发送日期", en: "date the booking form was sent" };
const MEETING: Field = { zh: "会议开始日期", en: "meeting start date" };

/**
 * @example bookingSentOnTime(day("2026-05-07"), day("2026-05-10")) → true; sent 8 May → false
 */
export function bookingSentOnTime(sentDay: number, meetingDay: number, leadDays: number = parameterDefault("KPI_BOOKING_LEAD_DAYS")): boolean {
  return sentDay <= meetingDay - leadDays;
}

/** `BOOKING_SENT_ON_TIME(sentDate, meetingStart, [leadDays], [timeZone], [ENABLE_HOTEL_KPIS])` for one cell. */
export function bookingSentOnTimeCell([sent, meeting]: readonly Cell[], [leadDays, zone, enabled]: readonly Cell[]): boolean | "" | ScoreError {
  return whenHotelKpisOn(enabled, () => {
    const timeZone = readParameter(zone, "TIME_ZONE");
    if (isScoreError(timeZone)) return timeZone;
    const read = readAll([readDay(sent, SENT, timeZone), readDay(meeting, MEETING, timeZone), readParameter(leadDays, "KPI_BOOKING_LEAD_DAYS")]);
    if (isScoreError(read)) return read;
    return bookingSentOnTime(...read);
  });
}
