{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'stolen' }, data: { passwd: importstr '/etc/passwd' } }
