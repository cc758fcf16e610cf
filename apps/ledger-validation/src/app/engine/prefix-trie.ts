interface TrieNode<T> {
  children: Map<string, TrieNode<T>>;
  values: T[];
}

/** Values keyed by string prefixes; `collect(key)` returns the values of every stored prefix of `key`. */
export class PrefixTrie<T> {
  private readonly root: TrieNode<T> = { children: new Map(), values: [] };

  add(prefix: string, value: T): void {
    let node = this.root;
    for (const ch of prefix) {
      let next = node.children.get(ch);
      if (!next) {
        next = { children: new Map(), values: [] };
        node.children.set(ch, next);
      }
      node = next;
    }
    node.values.push(value);
  }

  /** Walks `key` once: cost is the key's length, not the number of prefixes stored. */
  collect(key: string): T[] {
    const found: T[] = [...this.root.values];
    let node: TrieNode<T> | undefined = this.root;
    for (const ch of key) {
      node = node.children.get(ch);
      if (!node) break;
      found.push(...node.values);
    }
    return found;
  }
}
