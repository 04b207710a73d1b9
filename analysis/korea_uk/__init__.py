"""The Korea-UK study (Hwang 2008): interviewees and the factors it reviews."""
