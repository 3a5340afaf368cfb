/* true: exits with status 0 (the spawn/exit leak test runs it many times). */
int main(void)
{
	return 0;
}
