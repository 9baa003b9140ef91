// Shared helpers, found through the library path "lib".
{
  labels(app, env):: {
    'app.kubernetes.io/name': app,
    'capstan.dev/env': env,
  },

  configMap(name, data, labels={}):: {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: name, labels: labels },
    data: data,
  },
}
