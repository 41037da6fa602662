import { describe, expect, it } from "vitest";
import { parseCsvAsins, parsePastedAsins } from "./parse-asin-list";

describe("parsePastedAsins", () => {
  it("splits on newlines, spaces, commas and semicolons and drops repeats and blanks", () => {
    expect(parsePastedAsins("B000000001\nB000000002, B000000003;B000000001\n\n  b000000004  ")).toEqual([
      "B000000001",
      "B000000002",
      "B000000003",
      "b000000004",
    ]);
  });

  it("keeps malformed tokens so the server can say what is wrong with each", () => {
    expect(parsePastedAsins("B00 NOT-AN-ASIN")).toEqual(["B00", "NOT-AN-ASIN"]);
  });

  it("returns nothing for empty input", () => {
    expect(parsePastedAsins(" \n\t ")).toEqual([]);
  });
});

describe("parseCsvAsins", () => {
  it("reads the column headed asin, whatever its position and case", () => {
    expect(parseCsvAsins('title,ASIN\n"Mug",B000000001\r\nLamp,"B000000002"\n')).toEqual(["B000000001", "B000000002"]);
  });

  it("reads the first column when there is no header", () => {
    expect(parseCsvAsins("B000000001,Mug\nB000000002;Lamp\nB000000003\tPen")).toEqual(["B000000001", "B000000002", "B000000003"]);
  });

  it("skips blank lines and repeated ASINs, and keeps a blank cell out", () => {
    expect(parseCsvAsins("asin,title\n\nB000000001,a\n,b\nB000000001,c")).toEqual(["B000000001"]);
  });
});
