"use client";

import { lazyDialog } from "@/components/modal/lazy-modal";
import type { RecordFormProps } from "./record-form";

/** The create/edit modal every resource gets (record-form.tsx), fetched with its form code when it first opens. */
export const RecordFormModal = lazyDialog<RecordFormProps>(async () => (await import("./record-form")).RecordForm);
