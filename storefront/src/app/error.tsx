"use client";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <>
      <h1>Something went wrong</h1>
      <p role="alert">This page could not be shown.</p>
      <button type="button" onClick={reset}>
        Try again
      </button>
    </>
  );
}
