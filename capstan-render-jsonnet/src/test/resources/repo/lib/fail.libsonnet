{
  check(replicas)::
    if replicas > 10 then error 'too many replicas: ' + replicas else replicas,
}
