/* busy: spins in user mode forever (a CPU-bound process; stop it with kill). */
int main(void)
{
	volatile unsigned long spins = 0;

	for (;;)
		spins++;
}
