import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIGURES_DIR } from './settings';

export type FigureValue = string | number | boolean;

export interface Check {
  name: string;
  ok: boolean;
  detail?: string;
}

/** What one scenario saved for RESULTS.md. */
export interface ScenarioFigures {
  id: number;
  title: string;
  summary: string;
  durationMs: number;
  figures: Array<[string, FigureValue]>;
  checks: Check[];
  notes: string[];
}

/**
 * The figures and checks of one scenario. Checks are recorded here rather than only asserted, so
 * RESULTS.md shows every one of them, passed or not; the test then asserts that none failed.
 */
export class ScenarioReport {
  private readonly startedAt = Date.now();
  private readonly figures = new Map<string, FigureValue>();
  private readonly checks: Check[] = [];
  private readonly notes: string[] = [];
  private asserted = 0;

  constructor(
    readonly id: number,
    readonly title: string,
    readonly summary: string,
  ) {}

  figure(label: string, value: FigureValue): void {
    this.figures.set(label, value);
  }

  /** Adds `by` to a numeric figure. */
  count(label: string, by = 1): void {
    this.figures.set(label, Number(this.figures.get(label) ?? 0) + by);
  }

  check(name: string, ok: boolean, detail?: string): boolean {
    this.checks.push({ name, ok, detail });
    return ok;
  }

  note(text: string): void {
    this.notes.push(text);
  }

  /**
   * The checks that failed since the previous call, as `name: detail` lines (empty when all
   * passed): a scenario of several tests asserts each test's own checks.
   */
  failures(): string[] {
    const fresh = this.checks.slice(this.asserted);
    this.asserted = this.checks.length;
    return fresh.filter((check) => !check.ok).map((check) => `${check.name}: ${check.detail ?? ''}`);
  }

  save(): void {
    const figures: ScenarioFigures = {
      id: this.id,
      title: this.title,
      summary: this.summary,
      durationMs: Date.now() - this.startedAt,
      figures: [...this.figures],
      checks: this.checks,
      notes: this.notes,
    };
    mkdirSync(FIGURES_DIR, { recursive: true });
    writeFileSync(join(FIGURES_DIR, `${this.id}.json`), JSON.stringify(figures, null, 2));
  }
}
