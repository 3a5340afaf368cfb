# expect-fail: firmware must be bios and/or uefi
#! firmware: arm
kelp# echo
