package fazt.server.admin;

/** The function the storage API tests deploy: it stores a little of everything, and reads some back. */
public final class StorageApiTestShop {
    private StorageApiTestShop() {}

    /** Writes a little of everything on {@code ?do=seed}; answers what it reads on {@code ?do=read}. */
    public static final String SHOP = """
            var kv = fazt.storage.kv, ds = fazt.storage.ds, s3 = fazt.storage.s3;
            if (request.query.do === 'seed') {
              kv.set('user:1', {name: 'Ann'});
              kv.set('user:2', {name: 'Bob'}, 600000);
              kv.set('100%', 'literal');
              kv.set('a/b\\\\c ?#', 'odd key');
              ds.insert('orders', {id: 'o1', total: 5, status: 'open'});
              ds.insert('orders', {id: 'o/2', total: 9, status: 'paid', items: ['x']});
              ds.insert('orders', {id: 'o3', total: 1, status: 'open'});
              ds.insert('notes', {text: 'hi'});
              s3.put('img/logo.svg', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', 'image/svg+xml');
              s3.put('notes/a b%.txt', 'hello', 'text/plain');
              respond({seeded: true});
            } else {
              respond({user1: kv.get('user:1') || null, odd: kv.get('a/b\\\\c ?#') || null,
                o1: ds.findOne('orders', 'o1'), o2: ds.findOne('orders', 'o/2'), logo: s3.get('img/logo.svg')});
            }
            """;
}
