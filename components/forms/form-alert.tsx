export function FormAlert({ message, variant = "danger" }: { message?: string; variant?: "danger" | "success" | "info" }) {
  if (!message) return null;
  return (
    <div className={`alert alert-${variant}`} role={variant === "danger" ? "alert" : "status"}>
      {message}
    </div>
  );
}
