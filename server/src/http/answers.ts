/**
 * Whether a dependency answered a probe within `ms` (`/api/ready` must answer whatever the database
 * or Redis does): true when `probe` resolves to true in time; false when it says no, fails, or is late.
 */
export async function answersWithin(probe: () => Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const answered = probe().then(
    (ok) => ok,
    () => false,
  );
  try {
    return await Promise.race([answered, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
