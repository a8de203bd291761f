// Modern JavaScript: classes, arrow functions, destructuring, spread, template strings, async.
class Cart {
  #items = [];
  add(name, price, qty = 1) { this.#items.push({ name, price, qty }); return this; }
  get total() { return this.#items.reduce((sum, { price, qty }) => sum + price * qty, 0); }
  names() { return this.#items.map(({ name }) => name); }
}

const sleepless = async (value) => value;

async function handler({ query: { discount = '0' } = {} }) {
  const cart = new Cart().add('pen', 2, 3).add('book', 10);
  const [first, ...rest] = cart.names();
  const saved = await sleepless(Number(discount));
  const summary = { first, rest, total: cart.total - saved, note: `${cart.names().length} items` };
  fazt.storage.kv.set('last', summary);
  return { ...summary, stored: fazt.storage.kv.get('last')?.total ?? null };
}

handler(request)
