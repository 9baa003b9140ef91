// std.parseYaml needs SnakeYAML 1.x on the class path.
std.parseYaml(importstr 'config.txt') + { metadata+: { labels: { parsed: 'yes' } } }
