/**
 * The column resolver (architecture rule 5, tables by key): users may reorder columns, keep only one
 * language in a header, type the stable key, or add columns of their own; a missing required column
 * is an error that names the sheet and the column in both languages.
 */
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/core/i18n";
import { sheetTemplate } from "../../src/core/templates/catalog";
import { headerText, matchHeader, resolveColumns } from "../../src/core/templates/columns";

const people = sheetTemplate("people");
const header = people.columns.map(headerText);

function thrown(fn: () => unknown): UserError {
  try {
    fn();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error("expected a UserError");
}

describe("resolveColumns", () => {
  it("finds every column of a freshly installed header by its key", () => {
    const columns = resolveColumns(header, people);
    people.columns.forEach((c, i) => expect(columns.get(c.key)).toBe(i));
    expect(header[1]).toBe("邮箱 / Email");
  });

  it("follows columns the user reordered", () => {
    const reordered = [...header].reverse();
    const columns = resolveColumns(reordered, people);
    expect(columns.get("email")).toBe(reordered.indexOf("邮箱 / Email"));
    expect(columns.get("name")).toBe(header.length - 1);
  });

  it("accepts either language alone, the key itself, other spacing and a full-width slash", () => {
    const columns = resolveColumns(["Email", "姓名", "ROLE", "组织单位/Org unit", "岗位级别 Post level", "状态／Status", "active"], people);
    expect(Object.fromEntries(columns)).toEqual({ email: 0, name: 1, role: 2, org_unit: 3, post_level: 4, status: 5, active: 6 });
  });

  it("leaves the user's own columns alone and reports them", () => {
    const withMine = [header[0], "我的备注 My notes", ...header.slice(1)];
    const match = matchHeader(withMine, people);
    expect(match.extra).toEqual([{ index: 1, header: "我的备注 My notes" }]);
    expect(resolveColumns(withMine, people).get("email")).toBe(2);
  });

  it("tolerates a missing optional column", () => {
    const withoutDelegate = header.filter((h) => h !== "代理人 / Delegate");
    expect(resolveColumns(withoutDelegate, people).has("delegate_email")).toBe(false);
  });

  it("reports a missing required column with the sheet and the column in both languages", () => {
    const error = thrown(() => resolveColumns(header.filter((h) => h !== "邮箱 / Email"), people));
    expect(error.code).toBe("MISSING_COLUMN");
    expect(error.at).toEqual({ sheet: "人员 People", column: "邮箱 / Email" });
    expect(error.text.zh).toBe("工作表「人员 People」 列「邮箱 / Email」:缺少这一必需的列,请在第 1 行加上它的标题(中文、英文或两者均可)");
    expect(error.text.en).toBe('sheet "人员 People", column "邮箱 / Email": this required column is missing: add its header to row 1 (in Chinese, English or both)');
  });

  it("refuses a column that appears twice, since a write could land in either", () => {
    const error = thrown(() => resolveColumns([...header, "Email"], people));
    expect(error.code).toBe("DUPLICATE_COLUMN");
    expect(error.at?.column).toBe("邮箱 / Email");
  });

  it("ignores blank and non-text header cells and counts the width to the last header", () => {
    const match = matchHeader(["姓名", "", null, "Email", 42], people);
    expect(Object.fromEntries(match.found)).toEqual({ name: 0, email: 3 });
    expect(match.extra).toEqual([{ index: 4, header: "42" }]);
    expect(match.width).toBe(5);
  });
});
