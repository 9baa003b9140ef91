local fail = import 'fail.libsonnet';
{
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'too-big' },
  spec: { replicas: fail.check(20) },
}
