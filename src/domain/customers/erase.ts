/**
 * Delete Customer as a GDPR erasure (extension). The customer's conversations are deleted
 * with it (`delete`) or kept without its personal data (`keep`); then its row, emails,
 * phones, field values and auto-reply records go. The work is done in bounded steps
 * (eraseStep.ts); the request does the first ones, the rest continues in the background and
 * the hourly cron finishes an erasure that was interrupted. The erasure's record holds no
 * personal data and answers a client that retries.
 */
import { asc, isNull } from "drizzle-orm";
import { customerErasures } from "../../db/schema";
import { toIso } from "../../lib/dates";
import { badRequest, notFound } from "../../lib/errors";
import type { ErasureMode } from "../../lib/vocabulary";
import type { Services } from "../../services";
import { deleteAttachmentObjects } from "../attachments/store";
import { customerDeletedEvents } from "../webhooks/events";
import type { DomainEvent } from "../webhooks/publish";
import { type ErasureRecord, readStep, writeStep } from "./eraseStep";

export type { ErasureRecord } from "./eraseStep";

export interface EraseCustomerInput {
  customerId: number;
  mode: ErasureMode;
  /** Recorded with the erasure; must be an active user when given. */
  byUserId: number | null;
}

export interface ErasureLimits {
  /** Steps to run before returning (the rest is left to a later call). */
  steps: number;
  /** Conversations per step. */
  size: number;
}

export interface EraseResult {
  erasure: ErasureRecord;
  finished: boolean;
  /** customer.deleted, from the step that finished the erasure. */
  events: DomainEvent[];
}

/** 100 conversations per step keep one write batch well within D1's limits. */
export const STEP_SIZE = 100;
export const REQUEST_LIMITS: ErasureLimits = { steps: 3, size: STEP_SIZE };
export const BACKGROUND_LIMITS: ErasureLimits = { steps: 30, size: STEP_SIZE };

type Deps = Pick<Services, "db" | "storage" | "clock">;

/**
 * Starts the erasure, or carries on with the one recorded for this customer (its mode holds):
 * 404 for an id that is neither a customer nor erased, 400 for an unknown `byUserId`.
 */
export async function eraseCustomer(
  services: Deps,
  input: EraseCustomerInput,
  limits: ErasureLimits = REQUEST_LIMITS,
): Promise<EraseResult> {
  const { customerId } = input;
  const read = await readStep(services.db, { customerId, byUserId: input.byUserId, size: limits.size });
  if (!read.record) {
    if (!read.customerExists) throw notFound("customerId", customerId);
    if (!read.userKnown)
      throw badRequest({ path: "byUserId", message: "User not found", rejectedValue: input.byUserId, source: "QUERY" });
  }
  const erasure = read.record ?? {
    customerId,
    mode: input.mode,
    byUserId: input.byUserId,
    requestedAt: services.clock.seconds(),
    finishedAt: null,
  };
  return runSteps(services, erasure, read, limits);
}

/** Carries on with a recorded, unfinished erasure (background work and the cron). */
export async function continueErasure(
  services: Deps,
  customerId: number,
  limits: ErasureLimits = BACKGROUND_LIMITS,
): Promise<EraseResult | null> {
  const read = await readStep(services.db, { customerId, byUserId: null, size: limits.size });
  return read.record ? runSteps(services, read.record, read, limits) : null;
}

async function runSteps(
  services: Deps,
  erasure: ErasureRecord,
  first: Awaited<ReturnType<typeof readStep>>,
  limits: ErasureLimits,
): Promise<EraseResult> {
  let read = first;
  for (let step = 1; ; step++) {
    if (read.record?.finishedAt) return { erasure: read.record, finished: true, events: [] };
    const written = await writeStep(services.db, erasure, read, services.clock.seconds());
    // After the commit: an object whose delete fails is left to the orphan sweep (attachments)
    // or to the raw-mail retention (raw messages); no row points at it any more.
    if (written.objectKeys.length) await deleteAttachmentObjects(services, written.objectKeys);
    if (written.finishedAt !== null) {
      const done = { ...erasure, finishedAt: written.finishedAt };
      return { erasure: done, finished: true, events: customerDeletedEvents(erasedPayload(done)) };
    }
    if (step >= limits.steps) return { erasure, finished: false, events: [] };
    read = await readStep(services.db, { customerId: erasure.customerId, byUserId: null, size: limits.size });
  }
}

/** customer.deleted's body: no personal data. */
export const erasedPayload = (erasure: ErasureRecord) => ({
  id: erasure.customerId,
  erasedAt: toIso(erasure.finishedAt ?? erasure.requestedAt),
  conversations: erasure.mode === "delete" ? ("deleted" as const) : ("kept" as const),
});

/** Erasures the cron finishes per run, oldest first. */
const SWEEP_ERASURES = 10;

/** The cron's part: unfinished erasures carried on, each up to BACKGROUND_LIMITS steps. */
export async function sweepErasures(
  services: Deps,
  limits: ErasureLimits = BACKGROUND_LIMITS,
): Promise<{ finished: number; unfinished: number; events: DomainEvent[] }> {
  const { db } = services;
  const open = await unfinishedErasures(db);
  const outcome = { finished: 0, unfinished: 0, events: [] as DomainEvent[] };
  for (const customerId of open) {
    try {
      const result = await continueErasure(services, customerId, limits);
      if (result?.finished) outcome.finished++;
      else outcome.unfinished++;
      outcome.events.push(...(result?.events ?? []));
    } catch (error) {
      outcome.unfinished++;
      console.error(`customer erasure ${customerId} not finished; the next sweep retries`, error);
    }
  }
  return outcome;
}

async function unfinishedErasures(db: Deps["db"]): Promise<number[]> {
  const rows = await db
    .select({ customerId: customerErasures.customerId })
    .from(customerErasures)
    .where(isNull(customerErasures.finishedAt))
    .orderBy(asc(customerErasures.requestedAt))
    .limit(SWEEP_ERASURES);
  return rows.map((row) => row.customerId);
}
