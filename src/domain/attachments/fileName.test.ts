import { describe, expect, it } from "vitest";
import { sanitizeFileName, sanitizeMimeType } from "./fileName";

describe("sanitizeFileName", () => {
  it.each([
    ["report.pdf", "report.pdf"],
    ["../../etc/passwd", "passwd"],
    ["C:\\Users\\me\\cv.docx", "cv.docx"],
    ["in\u0000voice\u001f.pdf", "invoice.pdf"],
    ["invoice\u202Efdp.exe", "invoicefdp.exe"],
    ["zero\u200Bwidth\uFEFF.txt", "zerowidth.txt"],
    ["line\u2028break.txt", "linebreak.txt"],
    ["tab\tand\nnewline.txt", "tabandnewline.txt"],
    ["..", "attachment"],
    ["", "attachment"],
    ["   ", "attachment"],
    ["dir/", "attachment"],
    [".htaccess", "htaccess"],
    ["a..b...txt", "a.b.txt"],
    ["name.txt. . ", "name.txt"],
    ["two   spaces.txt", "two spaces.txt"],
    ['a<b>:"c|?*.txt', "a_b___c___.txt"],
    ["Résumé 😀.pdf", "Résumé 😀.pdf"],
    [`${"n".repeat(300)}.pdf`, `${"n".repeat(196)}.pdf`],
    [`${"n".repeat(300)}.not-really-an-extension`, "n".repeat(200)],
  ])("%j -> %j", (input, expected) => {
    expect(sanitizeFileName(input)).toBe(expected);
  });

  it("never splits a character when shortening", () => {
    const name = sanitizeFileName(`${"😀".repeat(250)}.png`);
    expect(Array.from(name)).toHaveLength(200);
    expect(name).toBe(`${"😀".repeat(196)}.png`);
    expect(name.isWellFormed()).toBe(true);
  });
});

describe("sanitizeMimeType", () => {
  it.each([
    ["image/png", "image/png"],
    ["Text/Plain; charset=utf-8", "text/plain"],
    [
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ],
    ["text/html\r\nX-Injected: yes", null],
    ["png", null],
    ["", null],
    [undefined, null],
  ])("%j -> %j", (input, expected) => {
    expect(sanitizeMimeType(input)).toBe(expected);
  });
});
