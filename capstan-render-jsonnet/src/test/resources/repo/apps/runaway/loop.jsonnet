// Ten billion steps in constant memory: only a time limit stops it.
local count = std.foldl(
  function(total, i) std.foldl(function(sum, j) sum + 1, std.range(1, 100000), total),
  std.range(1, 100000),
  0
);
{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'never' }, data: { count: std.toString(count) } }
