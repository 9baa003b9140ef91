// Imported relative to main.jsonnet.
function(name, labels) {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: name, labels: labels },
  spec: {
    selector: labels,
    ports: [{ port: 80, targetPort: 8080 }],
  },
}
