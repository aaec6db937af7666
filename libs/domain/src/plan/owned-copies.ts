/**
 * Copy-on-write for one fold (planFold): the maps and sets a fold copied itself are nobody
 * else's, so it may change them in place; anything else is copied before it is changed.
 */
export type Owned = WeakSet<object>;

/** The map with `key` set: a copy, unless the fold owns the map already. */
export function put<K, V>(
  map: ReadonlyMap<K, V>,
  key: K,
  value: V,
  own: Owned | undefined,
): ReadonlyMap<K, V> {
  if (own?.has(map)) return (map as Map<K, V>).set(key, value);
  const copy = new Map(map).set(key, value);
  own?.add(copy);
  return copy;
}
