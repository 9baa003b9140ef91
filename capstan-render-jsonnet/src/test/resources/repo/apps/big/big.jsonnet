// About 10 KB of output from a small file.
{
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'big' },
  data: { text: std.join('', ['0123456789' for i in std.range(1, 1000)]) },
}
