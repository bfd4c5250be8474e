import { Link } from "@/components/link";
import { FormAlert } from "./form-alert";

/** What a finished account step shows in place of its form: the outcome, and the way on. */
export function DoneThenSignIn({ message }: { message?: string }) {
  return (
    <>
      <FormAlert variant="success" message={message} />
      <Link href="/login" className="btn btn-primary w-100">
        Sign in
      </Link>
    </>
  );
}
