export * from "./staging";
export * from "./core";
export * from "./mart";
export * from "./app";
