// Series colours for charts and timelines (a plain module: server components read it too, which
// they cannot do through a "use client" file). Each keeps ≥ 3:1 contrast on white, and neighbours
// differ in hue as well as lightness so they stay apart without red/green vision.
export const SERIES_COLORS = ["#2d5bd8", "#b45309", "#0f766e", "#7c3aed", "#be185d", "#475569", "#15803d", "#a16207", "#0369a1", "#9f1239", "#4d7c0f"];
