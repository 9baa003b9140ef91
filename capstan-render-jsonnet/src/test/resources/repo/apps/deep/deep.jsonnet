local depth(n) = 1 + depth(n + 1);
{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'never' }, data: { depth: std.toString(depth(0)) } }
