/** The analysis center's own tables (snake_case columns, as stored). It keeps no individual's data. */
export interface AnalysisDatabase {
  analysis_budget: AnalysisBudgetTable;
}

/** The privacy budget ledger: epsilon each reader spent on noised figures, per day (Beijing time). */
export interface AnalysisBudgetTable {
  /** The reader's token `sub` (staff ID). */
  sub: string;
  /** YYYY-MM-DD in Beijing time. */
  day: string;
  /** Epsilon spent that day, in millionths (whole numbers add up exactly). */
  spent_micro: number;
}
