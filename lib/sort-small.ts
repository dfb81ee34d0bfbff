/** Above this many items the built-in sort is faster; below, insertion sort's n² steps are few. */
const INSERTION_MAX = 16;

/**
 * Sorts `items` in place, as `items.sort(compare)` would (stably). The built-in sort allocates a few
 * hundred bytes of working state per call whatever the length, which shows when a long run sorts
 * the handful of keys of each of its tens of thousands of objects; insertion sort allocates nothing.
 */
export function sortSmall<T>(items: T[], compare: (a: T, b: T) => number): T[] {
  if (items.length > INSERTION_MAX) return items.sort(compare);
  for (let i = 1; i < items.length; i++) {
    const item = items[i]!;
    let j = i - 1;
    for (; j >= 0 && compare(items[j]!, item) > 0; j--) items[j + 1] = items[j]!;
    items[j + 1] = item;
  }
  return items;
}
