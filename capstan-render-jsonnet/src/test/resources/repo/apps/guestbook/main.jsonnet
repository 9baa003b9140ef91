local x = import 'x.libsonnet';
local service = import 'parts/service.libsonnet';

function(tier)
  local env = std.extVar('env');
  local labels = x.labels('guestbook', env) + { tier: tier };
  [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'guestbook', labels: labels },
      spec: {
        replicas: std.extVar('replicas'),
        selector: { matchLabels: labels },
        template: {
          metadata: { labels: labels },
          spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
        },
      },
    },
    service('guestbook', labels),
    x.configMap('guestbook-html', { 'index.html': importstr 'files/index.html' }, labels),
  ]
