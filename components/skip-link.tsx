export function SkipLink() {
  return (
    <a href="#main" className="visually-hidden-focusable position-absolute top-0 start-0 m-2 p-2 bg-body border rounded z-3">
      Skip to main content
    </a>
  );
}
