kelp# echo livepatch: verify: expected: kt/7 is inside f after 'p' completed patching
livepatch: verify: expected: kt/7 is inside f after 'p' completed patching
