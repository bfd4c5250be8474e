// Sign-in, registration and account recovery: one narrow card in the middle of the page.
export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="container py-5">
      <div className="row justify-content-center">
        <div className="col-md-8 col-lg-6 col-xl-5">
          <div className="card shadow-sm">
            <div className="card-body p-4">{children}</div>
          </div>
        </div>
      </div>
    </div>
  );
}
