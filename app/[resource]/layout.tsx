import { RecordToastProvider } from "@/components/records/record-toasts";

// The frame of every record screen: the toasts outlive a move from a record's page to its list (Undo).
export default function RecordsLayout({ children }: { children: React.ReactNode }) {
  return (
    <RecordToastProvider>
      <div className="container py-4">{children}</div>
    </RecordToastProvider>
  );
}
